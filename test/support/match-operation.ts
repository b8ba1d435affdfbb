/** Which contract operation a request reached, from its method and path (literal segments win). */
import { type OperationId, operationIndex } from '@regen/contract/operations';

interface Route {
  id: OperationId;
  method: string;
  pattern: RegExp;
  literalSegments: number;
}

const routes: Route[] = Object.values(operationIndex)
  .map((op) => ({
    id: op.operationId as OperationId,
    method: op.method,
    pattern: new RegExp(`^${op.path.replace(/\{[^}]+\}/g, '[^/]+')}$`),
    literalSegments: op.path.split('/').filter((s) => s !== '' && !s.startsWith('{')).length,
  }))
  .sort((a, b) => b.literalSegments - a.literalSegments);

export function matchOperation(method: string, pathname: string): OperationId | undefined {
  return routes.find((r) => r.method === method.toUpperCase() && r.pattern.test(pathname))?.id;
}

export const allOperationIds: readonly OperationId[] = Object.keys(operationIndex) as OperationId[];
