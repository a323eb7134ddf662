/** multipart/form-data with one file in the field `file`, kept in memory up to the configured size. */
import multer from '@koa/multer';
import type { Context, Next } from 'koa';
import { UnsupportedMediaTypeError } from '../../shared/errors/unsupported-media-type-error.ts';

/** Form fields besides the file (only `name` is used; a few spare for clients that send extras). */
const MAX_FIELDS = 8;
const MAX_FIELD_BYTES = 1024;

export function voiceUpload(maxFileBytes: number) {
  const upload = multer({
    storage: multer.memoryStorage(),
    limits: { fileSize: maxFileBytes, files: 1, fields: MAX_FIELDS, fieldSize: MAX_FIELD_BYTES, parts: MAX_FIELDS + 1 },
  });
  const single = upload.single('file');
  return async function parseVoiceUpload(ctx: Context, next: Next): Promise<void> {
    if (!ctx.is('multipart/form-data')) {
      throw new UnsupportedMediaTypeError('Upload the clip as multipart/form-data with the file in the field "file".');
    }
    await single(ctx, next);
  };
}
