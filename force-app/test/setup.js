// Runs before every LWC test file: the accessibility matcher `await expect(el).toBeAccessible()`.
const { registerSa11yMatcher } = require('@sa11y/jest');

registerSa11yMatcher();
