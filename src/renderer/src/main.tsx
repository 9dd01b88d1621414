import { StrictMode } from 'react';
import { createRoot } from 'react-dom/client';
import { defaultTransport } from './api';
import { App } from './app/App';
import { connectClient, createQueryClient } from './app/query-client';
import './styles.css';

const queryClient = createQueryClient();

createRoot(document.getElementById('root')!).render(
  <StrictMode>
    <App client={connectClient(defaultTransport(), queryClient)} queryClient={queryClient} />
  </StrictMode>,
);
