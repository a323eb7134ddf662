/**
 * Checks a model folder against the graph contract (models/contract.ts) before any session
 * is created, and refuses a mismatched model with a message naming each differing input or
 * output. Reads only the graph headers, not the weights. Inputs are checked strictly (name,
 * dtype, rank, fixed sizes: the engine must feed them exactly); outputs by name and dtype only,
 * since the q4/q4f16 exports may leave output dims unnamed (`?`) or declare no shape at all.
 */
import { access } from 'node:fs/promises';
import { join } from 'node:path';
import { GRAPH_CONTRACTS, GRAPH_NAMES, graphFile, type GraphName, type ModelVariant, type TensorContract } from '../../models/contract.ts';
import { readDeclaredIo, type DeclaredValue } from '../../models/onnx/onnx-reader.ts';
import { ModelContractError } from '../shared/errors/model-contract-error.ts';

/** Validates every graph of `dir` (language model of `variant`); throws ModelContractError listing all problems. */
export async function validateModelDir(dir: string, variant: ModelVariant = 'q4'): Promise<void> {
  const problems: string[] = [];
  for (const graph of GRAPH_NAMES) {
    const path = join(dir, graphFile(graph, variant));
    const exists = await access(path).then(
      () => true,
      () => false,
    );
    if (!exists) {
      problems.push(`${graphFile(graph, variant)} is missing`);
      continue;
    }
    const io = await readDeclaredIo(path).catch((error: unknown) => {
      problems.push(`${graphFile(graph, variant)} is not a readable ONNX model (${(error as Error).message})`);
      return undefined;
    });
    if (io) problems.push(...compareWithContract(graph, 'input', io.inputs), ...compareWithContract(graph, 'output', io.outputs));
  }
  if (problems.length > 0) throw new ModelContractError(`The model in ${dir} does not match the expected graph contract`, { problems });
}

/** Differences between declared values and the contract, one sentence each. */
function compareWithContract(graph: GraphName, kind: 'input' | 'output', declared: readonly DeclaredValue[]): string[] {
  const expected = kind === 'input' ? GRAPH_CONTRACTS[graph].inputs : GRAPH_CONTRACTS[graph].outputs;
  const byName = new Map(declared.map((d) => [d.name, d]));
  const problems: string[] = [];
  for (const contract of expected) {
    const found = byName.get(contract.name);
    if (!found) problems.push(`${graph}: ${kind} '${contract.name}' is missing`);
    else if (kind === 'output') problems.push(...compareType(graph, kind, contract, found));
    else problems.push(...compareValue(graph, kind, contract, found));
  }
  // Extra inputs would have to be fed; extra outputs are harmless.
  if (kind === 'input') {
    const known = new Set(expected.map((c) => c.name));
    for (const d of declared) if (!known.has(d.name)) problems.push(`${graph}: unexpected input '${d.name}'`);
  }
  return problems;
}

/** An output without a declared type is left to onnxruntime; a declared one must be accepted. */
function compareType(graph: GraphName, kind: string, contract: TensorContract, found: DeclaredValue): string[] {
  if (kind === 'output' && found.type === 'unknown') return [];
  if ((contract.types as readonly string[]).includes(found.type)) return [];
  return [`${graph}: ${kind} '${contract.name}' has type ${found.type}, expected ${contract.types.join(' or ')}`];
}

function compareValue(graph: GraphName, kind: string, contract: TensorContract, found: DeclaredValue): string[] {
  const where = `${graph}: ${kind} '${contract.name}'`;
  const problems = compareType(graph, kind, contract, found);
  if (found.shape.length !== contract.shape.length) {
    problems.push(`${where} has rank ${found.shape.length}, expected ${contract.shape.length}`);
    return problems;
  }
  contract.shape.forEach((dim, axis) => {
    // Symbolic dims accept any name or size; fixed dims must match.
    if (typeof dim === 'number' && found.shape[axis] !== dim) problems.push(`${where} has size ${String(found.shape[axis])} on axis ${axis}, expected ${dim}`);
  });
  return problems;
}
