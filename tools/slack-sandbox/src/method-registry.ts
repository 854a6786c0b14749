// The Web API methods the sandbox answers; anything else gets Slack's `unknown_method`.
import type { MethodHandler } from './method-context';
import { authTest, usersInfo, usersList } from './methods-auth-users';
import { chatPostEphemeral, chatPostMessage, chatUpdate } from './methods-chat';
import {
  conversationsHistory,
  conversationsInfo,
  conversationsJoin,
  conversationsMembers,
  conversationsReplies,
} from './methods-conversations';
import { filesCompleteUploadExternal, filesGetUploadURLExternal, filesInfo } from './methods-files';
import { viewsOpen, viewsPublish, viewsPush, viewsUpdate } from './methods-views';

export const METHODS: Readonly<Record<string, MethodHandler>> = {
  'auth.test': authTest,
  'chat.postMessage': chatPostMessage,
  'chat.postEphemeral': chatPostEphemeral,
  'chat.update': chatUpdate,
  'views.open': viewsOpen,
  'views.push': viewsPush,
  'views.update': viewsUpdate,
  'views.publish': viewsPublish,
  'users.info': usersInfo,
  'users.list': usersList,
  'conversations.info': conversationsInfo,
  'conversations.members': conversationsMembers,
  'conversations.join': conversationsJoin,
  'conversations.history': conversationsHistory,
  'conversations.replies': conversationsReplies,
  'files.info': filesInfo,
  'files.getUploadURLExternal': filesGetUploadURLExternal,
  'files.completeUploadExternal': filesCompleteUploadExternal,
};
