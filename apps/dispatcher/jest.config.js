module.exports = {
  displayName: 'dispatcher',
  preset: '../../jest.preset.js',
  rootDir: __dirname,
};
