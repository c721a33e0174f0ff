/** Entry of the studio web app (studio/web/index.html). */
import { createRoot } from 'react-dom/client';
import { App } from './app/app.tsx';
import './styles/base.css';
import './styles/shell.css';
import './styles/workspace.css';
import './styles/graph.css';
import './styles/panels.css';

createRoot(document.getElementById('root')!).render(<App />);
