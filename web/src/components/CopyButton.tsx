import { useState } from "react";

async function copy(text: string): Promise<boolean> {
  try {
    await navigator.clipboard.writeText(text);
    return true;
  } catch {
    // Clipboard API refused (plain http on another host, permissions): the old way.
    const area = document.createElement("textarea");
    area.value = text;
    area.setAttribute("readonly", "");
    area.style.position = "fixed";
    area.style.opacity = "0";
    document.body.appendChild(area);
    area.select();
    const ok = document.execCommand("copy");
    area.remove();
    return ok;
  }
}

export function CopyButton({ text, label }: { text: string; label: string }) {
  const [state, setState] = useState<"idle" | "copied" | "failed">("idle");
  return (
    <>
      <button
        type="button"
        className="button button--small button--secondary"
        onClick={async () => {
          setState((await copy(text)) ? "copied" : "failed");
          window.setTimeout(() => setState("idle"), 2000);
        }}
      >
        {label}
      </button>
      <span className="visually-hidden" role="status">
        {state === "copied" ? "Copied to the clipboard." : state === "failed" ? "Could not copy; select the text instead." : ""}
      </span>
      {state !== "idle" ? (
        <span className="copy-note" aria-hidden="true">
          {state === "copied" ? "Copied" : "Copy failed"}
        </span>
      ) : null}
    </>
  );
}
