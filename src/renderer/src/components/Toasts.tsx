import * as Toast from '@radix-ui/react-toast';
import { createContext, useCallback, useContext, useMemo, useState, type ReactNode } from 'react';

interface ToastMessage {
  id: number;
  title: string;
  action?: { label: string; run(): void };
}

interface ToastApi {
  notify(title: string, action?: ToastMessage['action']): void;
}

const ToastContext = createContext<ToastApi>({ notify: () => undefined });

/** Short confirmations with an optional Undo, announced politely to screen readers. */
export function ToastProvider({ children }: { children: ReactNode }) {
  const [messages, setMessages] = useState<ToastMessage[]>([]);
  const notify = useCallback((title: string, action?: ToastMessage['action']) => {
    setMessages((list) => [...list, { id: Date.now() + Math.random(), title, ...(action ? { action } : {}) }]);
  }, []);
  const api = useMemo(() => ({ notify }), [notify]);
  return (
    <ToastContext.Provider value={api}>
      <Toast.Provider duration={8000} label="Notification">
        {children}
        {messages.map((m) => (
          <Toast.Root
            key={m.id}
            className="toast"
            onOpenChange={(open) => {
              if (!open) setMessages((list) => list.filter((x) => x.id !== m.id));
            }}
          >
            <Toast.Title className="toast-title">{m.title}</Toast.Title>
            {m.action ? (
              <Toast.Action altText={m.action.label} asChild>
                <button type="button" className="button button-small" onClick={m.action.run}>
                  {m.action.label}
                </button>
              </Toast.Action>
            ) : null}
            <Toast.Close className="icon-button" aria-label="Dismiss">
              ×
            </Toast.Close>
          </Toast.Root>
        ))}
        <Toast.Viewport className="toast-viewport" />
      </Toast.Provider>
    </ToastContext.Provider>
  );
}

export function useToast(): ToastApi {
  return useContext(ToastContext);
}
