import { StrictMode } from 'react';
import { createRoot } from 'react-dom/client';
import { App } from './app/App';
import './styles/app.css';
import './styles/annotate.css';
import './styles/brief.css';

const root = document.getElementById('root');
if (!root) throw new Error('Casefile: #root is missing from index.html');
createRoot(root).render(
  <StrictMode>
    <App />
  </StrictMode>,
);
