import type { ComponentChildren } from 'preact';
import { useId } from 'preact/hooks';

interface SelectFieldProps {
  readonly label: string;
  readonly value: string;
  readonly onChange: (value: string) => void;
  readonly children: ComponentChildren;
}

/**
 * A `<select>` named exactly by its label (`for`/`id`, not wrapped: a wrapping label would add
 * the selected option's text to the accessible name).
 */
export function SelectField({ label, value, onChange, children }: SelectFieldProps) {
  const id = useId();
  return (
    <div class="field">
      <label for={id}>{label}</label>
      <select id={id} value={value} onChange={(event) => onChange(event.currentTarget.value)}>
        {children}
      </select>
    </div>
  );
}
