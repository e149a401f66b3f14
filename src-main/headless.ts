import path from 'node:path';
import { envHost, isFatalStartError, startCore } from './core';
import { logCrashes } from './log/logger';

/** `npm start`: the core as a plain Node process. */
async function main(): Promise<void> {
  const dataDir = path.resolve(process.env.BALCAO_DATA_DIR ?? 'data');
  const host = envHost(process.env.BALCAO_HOST);
  const portText = process.env.BALCAO_PORT ?? '8787';
  const port = Number(portText);
  if (!Number.isInteger(port) || port < 0 || port > 65535) {
    console.error(`BALCAO_PORT inválida: "${portText}". Use um número de 0 a 65535 (0 escolhe uma porta livre).`);
    process.exit(2);
  }
  let core: Awaited<ReturnType<typeof startCore>>;
  try {
    core = await startCore({ dataDir, host, port });
  } catch (err) {
    if (isFatalStartError(err)) console.error(err.message);
    else if ((err as NodeJS.ErrnoException).code === 'EADDRINUSE')
      console.error(`A porta ${port} já está em uso. Defina BALCAO_PORT com outra porta (ou 0 para uma livre).`);
    else console.error('Não foi possível iniciar o Balcão:', err);
    process.exit(1);
  }
  logCrashes(core.app.services.log, core.app.services.logs);
  let stopping = false;
  const stop = async (signal: string) => {
    if (stopping) return;
    stopping = true;
    console.log(`Recebido ${signal}: encerrando…`);
    try {
      await core.stop();
      console.log('Balcão encerrado; dados gravados.');
      process.exit(0);
    } catch (err) {
      console.error('Erro ao encerrar:', err);
      process.exit(1);
    }
  };
  process.on('SIGINT', () => void stop('SIGINT'));
  process.on('SIGTERM', () => void stop('SIGTERM'));
  // Announced only once a signal stops it cleanly: before the handlers exist, SIGTERM kills outright.
  console.log(`Balcão rodando em ${core.url} (dados em ${dataDir})`);
}

void main();
