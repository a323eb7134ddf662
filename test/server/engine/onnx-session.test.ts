import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { executionProvidersFor } from '../../../server/engine/onnx/session.ts';

describe('executionProvidersFor', () => {
  it('runs on the CPU provider by default', () => {
    assert.deepEqual(executionProvidersFor('cpu'), ['cpu']);
  });

  it('maps cuda:N to CUDA device N with the CPU as fallback for unsupported nodes', () => {
    assert.deepEqual(executionProvidersFor('cuda:1'), [{ name: 'cuda', deviceId: 1 }, 'cpu']);
    assert.deepEqual(executionProvidersFor('cuda:0'), [{ name: 'cuda', deviceId: 0 }, 'cpu']);
  });
});
