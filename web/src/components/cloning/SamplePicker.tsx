import { useEffect, useRef, useState, type DragEvent, type Ref } from "react";
import { fileSize, sampleProblem, SAMPLE_ACCEPT } from "../../lib/cloning";
import { FieldError } from "../FieldError";
import { Recorder } from "./Recorder";

/** The recording to clone from: a chosen or dropped file, or one made in the browser. */
export interface Sample {
  file: File;
  source: "file" | "recording";
}

interface Props {
  sample: Sample | null;
  onSample: (sample: Sample | null) => void;
  error: string | null;
  onError: (message: string | null) => void;
  inputRef: Ref<HTMLInputElement>;
}

/** Show `file` in the native picker too, so what it says matches what will be sent. */
function showInPicker(input: HTMLInputElement | null, file: File | null): void {
  if (!input) return;
  try {
    const transfer = new DataTransfer();
    if (file) transfer.items.add(file);
    input.files = transfer.files;
  } catch {
    // An old browser without a DataTransfer constructor: the picker just keeps its own text.
  }
}

/** The sample: a file picker that also takes a dropped file, a microphone recorder, and a player to check it. */
export function SamplePicker({ sample, onSample, error, onError, inputRef }: Props) {
  const input = useRef<HTMLInputElement | null>(null);
  const [over, setOver] = useState(false);
  const [url, setUrl] = useState<string | null>(null);
  const [seconds, setSeconds] = useState<number | null>(null);

  useEffect(() => {
    if (!sample) {
      setUrl(null);
      return undefined;
    }
    const next = URL.createObjectURL(sample.file);
    setUrl(next);
    setSeconds(null);
    return () => URL.revokeObjectURL(next);
  }, [sample]);

  // The form was reset, or a draft came back: keep the picker's own text in step.
  useEffect(() => {
    const current = input.current?.files?.[0] ?? null;
    if (current !== (sample?.source === "file" ? sample.file : null)) showInPicker(input.current, sample?.source === "file" ? sample.file : null);
  }, [sample]);

  const take = (file: File | undefined, source: Sample["source"]) => {
    if (!file) return;
    const problem = sampleProblem(file);
    if (problem) {
      onError(problem);
      onSample(null);
      showInPicker(input.current, null);
      return;
    }
    onError(null);
    onSample({ file, source });
    if (source === "file") showInPicker(input.current, file);
  };

  const drop = (event: DragEvent<HTMLDivElement>) => {
    event.preventDefault();
    setOver(false);
    take(event.dataTransfer.files[0], "file");
  };

  const setRefs = (element: HTMLInputElement | null) => {
    input.current = element;
    if (typeof inputRef === "function") inputRef(element);
    else if (inputRef) (inputRef as { current: HTMLInputElement | null }).current = element;
  };

  const describedBy = ["clone-file-help", error ? "clone-file-error" : null].filter(Boolean).join(" ");
  return (
    <div className="field sample-picker">
      <div
        className={`dropzone${over ? " dropzone--over" : ""}`}
        data-testid="dropzone"
        onDragOver={(event) => {
          event.preventDefault();
          event.dataTransfer.dropEffect = "copy";
          setOver(true);
        }}
        onDragLeave={() => setOver(false)}
        onDrop={drop}
      >
        <label htmlFor="clone-file" className="dropzone__label">
          Recording of the speaker
        </label>
        <p className="dropzone__hint" aria-hidden="true">
          Drop an audio file here, or choose one:
        </p>
        <input
          id="clone-file"
          ref={setRefs}
          type="file"
          accept={SAMPLE_ACCEPT}
          aria-invalid={error ? true : undefined}
          aria-describedby={describedBy}
          onChange={(event) => take(event.target.files?.[0], "file")}
        />
        <FieldError id="clone-file-error" message={error} />
        <p id="clone-file-help" className="help">
          WAV, MP3, M4A, OGG, WebM or FLAC, <strong className="nowrap">at most 10 MB</strong>: 15 seconds to 5 minutes of one person speaking,
          close to the microphone, with little background noise.
        </p>
      </div>
      <Recorder
        onRecorded={(file) => {
          showInPicker(input.current, null);
          take(file, "recording");
        }}
        onError={onError}
      />
      {sample && url ? (
        <div className="sample-chosen" data-testid="sample-chosen">
          <p className="sample-chosen__name">
            <span className="muted">{sample.source === "recording" ? "Your recording:" : "Chosen:"}</span> <strong>{sample.file.name}</strong>{" "}
            <span className="muted">
              · {fileSize(sample.file.size)}
              {seconds !== null ? ` · ${seconds.toFixed(1)} s` : ""}
            </span>
          </p>
          <audio
            controls
            src={url}
            preload="metadata"
            aria-label="Listen to the sample"
            onLoadedMetadata={(event) => setSeconds(Number.isFinite(event.currentTarget.duration) ? event.currentTarget.duration : null)}
          />
          {seconds !== null && seconds < 15 ? (
            <p className="help">
              It is under 15 seconds: cloning needs at least 10 seconds of speech, and 15 seconds to 5 minutes work best.
            </p>
          ) : null}
          <button
            type="button"
            className="button button--small button--secondary"
            onClick={() => {
              onSample(null);
              onError(null);
              showInPicker(input.current, null);
              input.current?.focus();
            }}
          >
            Remove the sample
          </button>
        </div>
      ) : null}
    </div>
  );
}

