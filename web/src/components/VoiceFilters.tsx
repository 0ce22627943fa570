import type { Voice } from "../api/client";
import { facet, languageName, type VoiceFilter } from "../lib/voices";

interface Props {
  idPrefix: string;
  voices: readonly Voice[];
  filter: VoiceFilter;
  onChange: (filter: VoiceFilter) => void;
}

/** Search plus language, accent and gender filters, shared by the Studio's picker and the library. */
export function VoiceFilters({ idPrefix, voices, filter, onChange }: Props) {
  const select = (key: "language" | "accent" | "gender", title: string, any: string, name: (v: string) => string) => (
    <div className="field field--compact">
      <label htmlFor={`${idPrefix}-${key}`}>{title}</label>
      <select id={`${idPrefix}-${key}`} value={filter[key]} onChange={(e) => onChange({ ...filter, [key]: e.target.value })}>
        <option value="">{any}</option>
        {facet(voices, key).map((value) => (
          <option key={value} value={value}>
            {name(value)}
          </option>
        ))}
      </select>
    </div>
  );
  return (
    <div className="voice-filters">
      <div className="field field--compact voice-filters__search">
        <label htmlFor={`${idPrefix}-search`}>Search</label>
        <input
          id={`${idPrefix}-search`}
          type="search"
          placeholder="Name, accent, id…"
          autoComplete="off"
          value={filter.query}
          onChange={(e) => onChange({ ...filter, query: e.target.value })}
        />
      </div>
      {select("language", "Language", "All languages", (tag) => `${languageName(tag)}`)}
      {select("accent", "Accent", "All accents", (v) => v)}
      {select("gender", "Gender", "Any gender", (v) => v.charAt(0).toUpperCase() + v.slice(1))}
    </div>
  );
}
