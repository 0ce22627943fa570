/** An error shown next to the input it is about; the input points at it with aria-describedby. */
export function FieldError({ id, message }: { id: string; message: string | null }) {
  if (!message) return null;
  return (
    <p className="field-error" id={id} role="alert">
      <svg aria-hidden="true" viewBox="0 0 16 16" width="16" height="16">
        <circle cx="8" cy="8" r="7" fill="currentColor" />
        <rect x="7.1" y="3.8" width="1.8" height="5.4" rx=".9" fill="#fff" />
        <circle cx="8" cy="11.6" r="1" fill="#fff" />
      </svg>
      <span>{message}</span>
    </p>
  );
}
