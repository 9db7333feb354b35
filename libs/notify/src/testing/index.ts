export {
  FakeTelegram,
  type FakeAnswer,
  type FakeRequest,
  type SentMessage,
} from './fake-telegram.js';
