import { StrictMode } from "react";
import { createRoot } from "react-dom/client";

import { App } from "./App";

// StrictMode mounts, unmounts and mounts every effect again in development, which is
// how a component library's mount/unmount races show; production builds run it once.
createRoot(document.getElementById("root")!).render(
  <StrictMode>
    <App />
  </StrictMode>,
);
