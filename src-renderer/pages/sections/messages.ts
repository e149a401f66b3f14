// Automations: the outbox, the WhatsApp "A enviar" list, Settings → Mensagens and → Tarefas: one chunk (src-renderer/pages/lazy.ts).
export { JobsPage, MessagesSettingsPage } from '../messages/MessagesSettingsPage';
export { OutboxPage, ToSendPage } from '../messages/OutboxPages';
