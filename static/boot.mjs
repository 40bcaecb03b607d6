// Starts Python in the visitor's browser: Pyodide's core from ./pyodide/ and the wheels from
// ./wheels/, beside this module, through our own pyodide/pyodide-lock.json (written by
// spineedu/static_site/runtime.py). Every URL is same-origin: Pyodide's own lock file, which
// points at a CDN, is not shipped, and packageBaseUrl is given so no CDN address is even built.
// The lock names each wheel's sha256, so the browser checks each download (subresource
// integrity), and its dependencies, so asking for "spineedu" installs pydantic and the rest.

const INDEX_URL = new URL("./pyodide/", import.meta.url).href;

/**
 * Load Python and install the SpineEdu engine (import nothing yet: that is the page's step).
 * @param {(step: string) => void} [onProgress] told each step, to show the visitor
 * @param {{packages?: string[], overlap?: boolean}} [options] packages: names in our lock
 *   (default ["spineedu"], which brings its dependencies); overlap: download them while the
 *   interpreter starts (loadPyodide's `packages`), one progress step fewer. Default false: on
 *   loopback both take the same time (CPU-bound), and the visitor sees the two steps; true
 *   may save the wheels' download time (2.2 MB) on a slow connection
 * @returns {Promise<object>} the Pyodide instance (runPython, runPythonAsync, globals, FS...)
 */
export async function bootPython(onProgress = () => {}, options = {}) {
  const packages = options.packages ?? ["spineedu"];
  const overlap = options.overlap ?? false;
  onProgress("Loading Python…");
  const { loadPyodide } = await import(new URL("pyodide.mjs", INDEX_URL).href);
  const pyodide = await loadPyodide({
    indexURL: INDEX_URL,
    lockFileURL: new URL("pyodide-lock.json", INDEX_URL).href,
    packageBaseUrl: INDEX_URL,
    packages: overlap ? packages : [],
    stdout: (line) => console.log(line),
    stderr: (line) => console.warn(line),
  });
  if (!overlap) {
    onProgress("Installing the SpineEdu engine…");
    await pyodide.loadPackage(packages, {
      messageCallback: () => {},
      errorCallback: (message) => console.warn(message),
      checkIntegrity: true,
    });
  }
  return pyodide;
}
