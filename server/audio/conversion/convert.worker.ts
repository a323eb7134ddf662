/** Piscina task module: one conversion per call, the result's buffer moved, not copied. */
import { move } from 'piscina';
import { convertAudio, type ConversionTask } from './convert-audio.ts';

export default async function convert(task: ConversionTask): Promise<ReturnType<typeof move>> {
  return move(await convertAudio(task));
}
