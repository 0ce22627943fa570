import { useEffect, useRef, useState } from "react";
import { formatTime } from "../lib/audio";
import { isSsml } from "../lib/ssml";
import { activeWordIndex, type TimedWord } from "../lib/timestamps";
import { PauseIcon, PlayIcon } from "./PreviewButton";
import { Transcript } from "./Transcript";
import { Waveform } from "./Waveform";

interface Props {
  url: string;
  bytes: Uint8Array;
  text: string;
  words: TimedWord[];
  downloadName: string;
  /** Said in place of the transcript when there are no word timings. */
  noWords?: string;
}

/** Player with a waveform seek bar, the text with the spoken word highlighted, and a download link. */
export function AudioPlayer({ url, bytes, text, words, downloadName, noWords = "No word timings came back for this text." }: Props) {
  const audio = useRef<HTMLAudioElement>(null);
  const [playing, setPlaying] = useState(false);
  const [time, setTime] = useState(0);
  const [elementDuration, setElementDuration] = useState(0);
  const [decodedDuration, setDecodedDuration] = useState(0);
  const duration = elementDuration > 0 ? elementDuration : decodedDuration;
  // Nothing is "being spoken" before playback starts, even though the first word starts at 0 s.
  const active = playing || time > 0 ? activeWordIndex(words, time) : -1;

  // timeupdate fires about four times a second; follow the clock every frame while playing.
  useEffect(() => {
    if (!playing) return;
    let frame = requestAnimationFrame(function tick() {
      if (audio.current) setTime(audio.current.currentTime);
      frame = requestAnimationFrame(tick);
    });
    return () => cancelAnimationFrame(frame);
  }, [playing]);

  useEffect(() => {
    setTime(0);
    setElementDuration(0);
    setDecodedDuration(0);
    setPlaying(false);
  }, [url]);

  const seek = (to: number) => {
    if (!audio.current) return;
    audio.current.currentTime = to;
    setTime(to);
  };
  const toggle = () => {
    const element = audio.current;
    if (!element) return;
    if (element.paused) void element.play();
    else element.pause();
  };

  return (
    <section className="player" aria-label="Generated audio">
      <audio
        ref={audio}
        src={url}
        preload="auto"
        data-testid="studio-audio"
        onDurationChange={(e) => setElementDuration(Number.isFinite(e.currentTarget.duration) ? e.currentTarget.duration : 0)}
        onTimeUpdate={(e) => setTime(e.currentTarget.currentTime)}
        onPlay={() => setPlaying(true)}
        onPause={() => setPlaying(false)}
        onEnded={() => setPlaying(false)}
      />
      <div className="player__controls">
        <button type="button" className="play-button" onClick={toggle} aria-label={playing ? "Pause" : "Play"}>
          {playing ? <PauseIcon /> : <PlayIcon />}
        </button>
        <Waveform bytes={bytes} currentTime={time} duration={duration} onSeek={seek} onDecoded={setDecodedDuration} />
        <span className="player__time" aria-hidden="true">
          {formatTime(time)} / {formatTime(duration)}
        </span>
      </div>
      {words.length > 0 ? (
        <Transcript key={url} text={text} words={words} active={active} markup={isSsml(text)} />
      ) : (
        <p className="muted small">{noWords}</p>
      )}
      <div className="player__actions">
        <a className="button button--secondary" href={url} download={downloadName} data-testid="download">
          Download {downloadName.split(".").pop()?.toUpperCase()}
        </a>
        <span className="muted small">{(bytes.length / 1024).toFixed(bytes.length > 10240 ? 0 : 1)} KB</span>
      </div>
    </section>
  );
}
