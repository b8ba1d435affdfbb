import { randomBase62 } from '../http/request-id.ts';

/** A new prefixed id such as `ord_8x2Kq9Lm3Np` (openapi/README.md, "Resources and ids"). */
export function newId(prefix: string): string {
  return `${prefix}_${randomBase62(14)}`;
}
