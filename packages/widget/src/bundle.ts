// The script-tag build (dist/interact.js, an IIFE): defines <interact-chat> and installs the
// global `Interact` API, which creates the element and hands it a VisitorClient.
import './interact-chat.js';
import { installGlobal } from '@interact/sdk';

installGlobal();
