// The recruiter's area: their scenarios (editor, rubric, publishing), assignments and candidates' results.
export function Recruiter({ path }: { path: string }) {
  return (
    <div className="page">
      <h1>Recruiter</h1>
      <p data-path={path}>Coming soon.</p>
    </div>
  );
}
