import { StrictMode } from 'react';
import { createRoot } from 'react-dom/client';
import { App } from './app/App';
import { BootedContext } from './app/context';
import { boot } from './app/boot';
import { useAppStore } from './state/appStore';
import './styles/app.css';

const container = document.getElementById('root');
if (container === null) throw new Error('index.html has no #root');
const root = createRoot(container);

function Fatal({ title, detail }: { title: string; detail: string }) {
  return (
    <div className="fatal" data-testid="fatal">
      <h1>{title}</h1>
      <p>{detail}</p>
    </div>
  );
}

boot().then(
  (booted) => {
    if (booted === null) {
      root.render(<Fatal title="Tradelog is not running" detail="Open the address that `npm start` printed (it carries this run's access token)." />);
      return;
    }
    root.render(
      <StrictMode>
        <BootedContext.Provider value={booted}>
          <App />
        </BootedContext.Provider>
      </StrictMode>,
    );
  },
  () => {
    const detail = useAppStore.getState().storeError ?? 'The app could not start.';
    root.render(<Fatal title="The journal database could not be opened" detail={detail} />);
  },
);
