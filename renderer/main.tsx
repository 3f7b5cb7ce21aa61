import { StrictMode } from 'react';
import { createRoot } from 'react-dom/client';
import { App } from './app/App';
import { applyAppearance } from './lib/settings';
import './styles/app.css';
import './styles/annotate.css';
import './styles/brief.css';

// Theme and zoom before the first paint, so a dark-mode user never sees a flash of white.
applyAppearance();

const root = document.getElementById('root');
if (!root) throw new Error('Casefile: #root is missing from index.html');
createRoot(root).render(
  <StrictMode>
    <App />
  </StrictMode>,
);
