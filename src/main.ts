import './ui/tl-app.js';
