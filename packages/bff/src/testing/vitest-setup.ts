import { DEVELOPMENT_SECRET_KEY } from '../config.js';
import { configureServerSecret } from '../security/server-secret.js';

// Tests that call the BFF's modules directly (not through createApp) need the server secret too.
configureServerSecret(DEVELOPMENT_SECRET_KEY);
