// Interview practice: the scenario library, the interview room, reports and the candidate's dashboard.
export function Interviews({ path }: { path: string }) {
  return (
    <div className="page">
      <h1>Interview practice</h1>
      <p data-path={path}>Coming soon.</p>
    </div>
  );
}
