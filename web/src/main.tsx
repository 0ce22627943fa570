import { StrictMode } from "react";
import { createRoot } from "react-dom/client";
import { App } from "./App";
import { loadSession } from "./state/session";
import "./styles.css";

void loadSession(); // who are we? asked before the first render, in parallel with loading the code of the page

createRoot(document.getElementById("root")!).render(
  <StrictMode>
    <App />
  </StrictMode>,
);
