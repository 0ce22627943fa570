// The editor's inputs: each labelled, with its error (from the server, by the field's path) tied to it
// with aria-describedby, and its help.
import type { ReactNode } from "react";
import { fieldId } from "../../lib/recruiterForm";
import { FieldError } from "../FieldError";

export type Problems = Map<string, string>;

/** The ids describing an input: its own error, the errors of the groups it belongs to, its help. */
export function describedBy(problems: Problems, paths: (string | null | undefined)[], help?: string | null): string | undefined {
  const ids = paths.filter((p): p is string => typeof p === "string" && problems.has(p)).map((p) => `${fieldId(p)}-error`);
  if (help) ids.push(help);
  return ids.join(" ") || undefined;
}

interface InputProps {
  path: string;
  label: string;
  value: string;
  onValue: (value: string) => void;
  problems: Problems;
  /** Groups this input belongs to whose errors also describe it (e.g. the target length). */
  groups?: string[];
  help?: string;
  multiline?: boolean;
  rows?: number;
  type?: "text" | "number";
  min?: number;
  max?: number;
  step?: number | "any";
  readOnly?: boolean;
  maxLength?: number;
  className?: string;
}

export function InputField({ path, label, value, onValue, problems, groups = [], help, multiline, rows = 2, type = "text", className, ...rest }: InputProps) {
  const id = fieldId(path);
  const helpId = help ? `${id}-help` : null;
  const invalid = [path, ...groups].some((p) => problems.has(p));
  const common = {
    id,
    value,
    "aria-invalid": invalid ? true : undefined,
    "aria-describedby": describedBy(problems, [path, ...groups], helpId),
  } as const;
  return (
    <div className={`field ${className ?? ""}`}>
      <label htmlFor={id}>{label}</label>
      {multiline ? (
        <textarea {...common} rows={rows} maxLength={rest.maxLength} onChange={(e) => onValue(e.target.value)} />
      ) : (
        <input {...common} type={type} inputMode={type === "number" ? "decimal" : undefined} onChange={(e) => onValue(e.target.value)} {...rest} />
      )}
      <FieldError id={`${id}-error`} message={problems.get(path) ?? null} />
      {help ? (
        <p id={`${id}-help`} className="help">
          {help}
        </p>
      ) : null}
    </div>
  );
}

interface SelectProps<T extends string> {
  path: string;
  label: string;
  value: T;
  options: readonly { value: T; label: string }[];
  onValue: (value: T) => void;
  problems: Problems;
  help?: string;
}

export function SelectField<T extends string>({ path, label, value, options, onValue, problems, help }: SelectProps<T>) {
  const id = fieldId(path);
  return (
    <div className="field">
      <label htmlFor={id}>{label}</label>
      <select
        id={id}
        value={value}
        onChange={(e) => onValue(e.target.value as T)}
        aria-invalid={problems.has(path) ? true : undefined}
        aria-describedby={describedBy(problems, [path], help ? `${id}-help` : null)}
      >
        {options.map((o) => (
          <option key={o.value} value={o.value}>
            {o.label}
          </option>
        ))}
      </select>
      <FieldError id={`${id}-error`} message={problems.get(path) ?? null} />
      {help ? (
        <p id={`${id}-help`} className="help">
          {help}
        </p>
      ) : null}
    </div>
  );
}

/** A fieldset for a group of inputs (key points, target length, follow-ups), with the group's own error. */
export function Group({ path, legend, problems, help, children }: { path: string; legend: string; problems: Problems; help?: string; children: ReactNode }) {
  const id = fieldId(path);
  return (
    <fieldset id={id} aria-describedby={describedBy(problems, [path], help ? `${id}-help` : null)}>
      <legend>{legend}</legend>
      {help ? (
        <p id={`${id}-help`} className="help group-help">
          {help}
        </p>
      ) : null}
      <div className="group-error">
        <FieldError id={`${id}-error`} message={problems.get(path) ?? null} />
      </div>
      {children}
    </fieldset>
  );
}
