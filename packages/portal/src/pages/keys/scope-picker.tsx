import type { Scope } from '@regen/contract';
import { usePortal } from '../../session/portal-context.ts';
import { scopeGroups } from './scope-groups.ts';

interface ScopePickerProps {
  readonly selected: ReadonlySet<Scope>;
  readonly onChange: (next: ReadonlySet<Scope>) => void;
}

const GROUPS = scopeGroups();

/**
 * One checkbox per scope, named by the scope itself (`read:orders`), in a fieldset per resource.
 * A scope the user does not hold is shown but disabled: a credential can only grant what it holds.
 */
export function ScopePicker({ selected, onChange }: ScopePickerProps) {
  const { can } = usePortal();
  const toggle = (scope: Scope, on: boolean) => {
    const next = new Set(selected);
    if (on) next.add(scope);
    else next.delete(scope);
    onChange(next);
  };
  return (
    <div class="scopes">
      {GROUPS.map((group) => (
        <fieldset key={group.resource}>
          <legend>{group.label}</legend>
          {group.scopes.map((scope) => (
            <label class="inline" key={scope}>
              <input
                type="checkbox"
                name="scopes"
                value={scope}
                checked={selected.has(scope)}
                disabled={!can(scope)}
                onChange={(event) => toggle(scope, event.currentTarget.checked)}
              />
              {scope}
            </label>
          ))}
        </fieldset>
      ))}
    </div>
  );
}
