// Headless Chromium (Debian's chromium package) as a test instrument: load an HTML page, let it
// lay out, and read back, for every <svg>, its rendered size and how many drawn elements it holds.
// .ci/run installs the package when it is missing; outside CI the render tests skip without it.
import { execFileSync } from "node:child_process";
import { existsSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";

const CANDIDATES = ["/usr/bin/chromium", "/usr/bin/chromium-browser", "/usr/bin/google-chrome"];

/** The Chromium binary, or undefined when none is installed. */
export const chromium: string | undefined = CANDIDATES.find((path) => existsSync(path));

/** In CI a missing browser is a failure, elsewhere a reason to skip. */
export const requireChromium = process.env.CI !== undefined && process.env.CI !== "" && process.env.CI !== "false";

export interface RenderedSvg {
  readonly width: number;
  readonly height: number;
  /** Drawn elements inside: rect, line, path, circle, polyline, polygon, text. */
  readonly marks: number;
  readonly label: string;
}

const PROBE = `<script>document.body.setAttribute("data-rendered", JSON.stringify([...document.querySelectorAll("svg")].map((s) => {
  const r = s.getBoundingClientRect();
  return { width: r.width, height: r.height, marks: s.querySelectorAll("rect,line,path,circle,polyline,polygon,text").length, label: s.getAttribute("aria-label") ?? "" };
})));</script>`;

/** Renders the page in headless Chromium and returns every SVG's laid-out size and mark count. */
export function renderSvgs(html: string): RenderedSvg[] {
  if (chromium === undefined) throw new Error("no Chromium installed (apt-get install chromium)");
  const dir = mkdtempSync(join(tmpdir(), "tripart-render-"));
  const page = join(dir, "page.html");
  let dom: string;
  try {
    writeFileSync(page, html.replace("</body>", `${PROBE}</body>`));
    dom = execFileSync(chromium, ["--headless=new", "--no-sandbox", "--disable-gpu", "--window-size=1400,900", "--dump-dom", `file://${page}`], {
      encoding: "utf8",
      stdio: ["ignore", "pipe", "ignore"],
      timeout: 60_000,
    });
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
  const match = /data-rendered="([^"]*)"/.exec(dom);
  if (match === null) throw new Error(`the page did not run its probe:\n${dom.slice(0, 300)}`);
  return JSON.parse(match[1].replace(/&quot;/g, '"').replace(/&amp;/g, "&")) as RenderedSvg[];
}

export const readText = (path: string): string => readFileSync(path, "utf8");
