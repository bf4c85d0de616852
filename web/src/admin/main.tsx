import '../shared/styles.css';
import './admin.css';
import './admin-pages.css';
import './admin-narrow.css';
import { StrictMode } from 'react';
import { createRoot } from 'react-dom/client';
import { AdminApp } from './App.js';

const root = document.getElementById('root');
if (!root) throw new Error('The page has no #root element.');

createRoot(root).render(
  <StrictMode>
    <AdminApp />
  </StrictMode>,
);
