import { useState, type InputHTMLAttributes, type Ref } from "react";
import { FieldError } from "./FieldError";

type InputProps = Omit<InputHTMLAttributes<HTMLInputElement>, "id" | "value" | "onChange">;

interface TextFieldProps extends InputProps {
  id: string;
  label: string;
  value: string;
  onValue: (value: string) => void;
  error?: string | null;
  help?: string;
  inputRef?: Ref<HTMLInputElement>;
}

/** A labelled input with its help and its error (announced, and linked with aria-describedby). */
export function TextField({ id, label, value, onValue, error = null, help, inputRef, type = "text", ...rest }: TextFieldProps) {
  const [shown, setShown] = useState(false);
  const password = type === "password";
  const describedBy = [error ? `${id}-error` : null, help ? `${id}-help` : null].filter(Boolean).join(" ") || undefined;
  return (
    <div className="field">
      <label htmlFor={id}>{label}</label>
      <div className={password ? "input-with-button" : undefined}>
        <input
          id={id}
          ref={inputRef}
          type={password && shown ? "text" : type}
          value={value}
          aria-invalid={error ? true : undefined}
          aria-describedby={describedBy}
          onChange={(e) => onValue(e.target.value)}
          {...rest}
        />
        {password ? (
          <button
            type="button"
            className="button button--small button--secondary"
            aria-controls={id}
            onClick={() => setShown((s) => !s)}
          >
            {shown ? "Hide" : "Show"}
            <span className="visually-hidden"> {label.toLowerCase()}</span>
          </button>
        ) : null}
      </div>
      <FieldError id={`${id}-error`} message={error} />
      {help ? (
        <p id={`${id}-help`} className="help">
          {help}
        </p>
      ) : null}
    </div>
  );
}
