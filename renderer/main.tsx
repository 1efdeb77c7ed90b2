import { StrictMode } from 'react';
import { createRoot } from 'react-dom/client';
import { App } from './app/App';
// Colour emoji on every desktop, from the app's own files (woff2 only: scripts/vite/woff2-only.mts); see --font-sans.
// The whole font, not Fontsource's unicode-range subsets: those carry only SVG glyphs, which Chromium
// does not draw (an emoji would be blank); the whole font also has the COLR glyphs Chromium draws.
import '@fontsource/noto-color-emoji/emoji.css';
import './styles/tokens.css';
import './styles/base.css';
import './styles/table.css';
import './styles/details.css';

const root = document.getElementById('root');
if (root) {
  createRoot(root).render(
    <StrictMode>
      <App />
    </StrictMode>,
  );
}
