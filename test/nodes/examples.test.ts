/**
 * The example workflows are importable: every node of ours names a real resource and
 * operation and only parameters the node has, every connection points at a node that
 * exists, and the README documents each file.
 */
import assert from 'node:assert/strict';
import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, test } from 'node:test';
import { fileURLToPath } from 'node:url';
import type { INodeProperties } from 'n8n-workflow';
import { ChatterboxTts } from '../../nodes/ChatterboxTts/ChatterboxTts.node.ts';

const EXAMPLES = fileURLToPath(new URL('../../examples/', import.meta.url));
const WORKFLOWS = join(EXAMPLES, 'workflows');
const PACKAGE_NAME = 'n8n-nodes-chatterbox';
const description = new ChatterboxTts().description;
/** Added by n8n when it turns a node into an AI Agent tool. */
const TOOL_PARAMETERS = ['descriptionType', 'toolDescription'];

interface WorkflowNode {
  id: string;
  name: string;
  type: string;
  typeVersion: number;
  parameters: Record<string, unknown>;
  credentials?: Record<string, { id: string; name: string }>;
}

interface Workflow {
  id: string;
  name: string;
  nodes: WorkflowNode[];
  connections: Record<string, Record<string, Array<Array<{ node: string; type: string }>>>>;
}

function optionValues(name: string, shownFor: Record<string, string>): string[] {
  return description.properties
    .filter((p) => p.name === name && isShown(p, shownFor))
    .flatMap((p) => (p.options ?? []).map((o) => String((o as { value: unknown }).value)));
}

function isShown(property: INodeProperties, values: Record<string, string>): boolean {
  return Object.entries(property.displayOptions?.show ?? {}).every(
    ([name, allowed]) =>
      values[name] === undefined || (allowed as unknown[]).includes(values[name]),
  );
}

const files = readdirSync(WORKFLOWS)
  .filter((file) => file.endsWith('.json'))
  .sort();

describe('example workflows', () => {
  test('there are the four documented examples', () => {
    assert.deepEqual(
      files.map((file) => file.split('-')[0]),
      ['1', '2', '3', '4'],
    );
  });

  for (const file of files) {
    const workflow = JSON.parse(readFileSync(join(WORKFLOWS, file), 'utf8')) as Workflow;

    describe(file, () => {
      test('has an id n8n accepts (1 to 21 characters) and unique node names', () => {
        assert.match(workflow.id, /^[A-Za-z0-9]{1,21}$/);
        const names = workflow.nodes.map((node) => node.name);
        assert.equal(new Set(names).size, names.length);
      });

      test('connects only nodes that exist', () => {
        const names = new Set(workflow.nodes.map((node) => node.name));
        for (const [from, outputs] of Object.entries(workflow.connections)) {
          assert.ok(names.has(from), `connection from unknown node ${from}`);
          for (const target of Object.values(outputs).flat(2)) {
            assert.ok(names.has(target.node), `connection to unknown node ${target.node}`);
          }
        }
      });

      test('uses the Chatterbox node with real resources, operations and parameters', () => {
        const ours = workflow.nodes.filter((node) => node.type.startsWith(`${PACKAGE_NAME}.`));
        assert.ok(ours.length > 0, 'the example does not use the Chatterbox node');
        for (const node of ours) {
          assert.ok(
            [
              `${PACKAGE_NAME}.${description.name}`,
              `${PACKAGE_NAME}.${description.name}Tool`,
            ].includes(node.type),
            `unknown node type ${node.type}`,
          );
          assert.equal(node.typeVersion, description.version);
          const { resource, operation } = node.parameters as Record<string, string>;
          assert.ok(
            optionValues('resource', {}).includes(resource),
            `${node.name}: resource ${resource}`,
          );
          assert.ok(
            optionValues('operation', { resource }).includes(operation),
            `${node.name}: operation ${operation}`,
          );
          const known = description.properties
            .filter((p) => isShown(p, { resource, operation }))
            .map((p) => p.name);
          for (const name of Object.keys(node.parameters)) {
            if (node.type.endsWith('Tool') && TOOL_PARAMETERS.includes(name)) continue;
            assert.ok(known.includes(name), `${node.name}: unknown parameter ${name}`);
          }
          assert.deepEqual(Object.keys(node.credentials ?? {}), ['chatterboxApi']);
        }
      });

      test('is described in examples/README.md', () => {
        assert.ok(
          readFileSync(join(EXAMPLES, 'README.md'), 'utf8').includes(file),
          `README does not mention ${file}`,
        );
      });
    });
  }
});
