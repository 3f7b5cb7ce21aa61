/**
 * English, the source catalogue: its keys are the keys of every locale, and its TypeScript type checks
 * every `t()` call. Conventions (ARCHITECTURE.md, "Messages"): keys are grouped by the area of the UI
 * that shows them; variables are {{named}}; counts use i18next plurals (`_one`, `_other`); quotation
 * marks and ellipses are typographic (“ ” …), as in the rest of the UI.
 */
export const en = {
  dialog: {
    cancel: 'Cancel',
    close: 'Close',
  },
  menu: {
    file: 'File',
    edit: 'Edit',
    view: 'View',
    help: 'Help',
    command: {
      'new-case': 'New case',
      'import-source': 'Import source…',
      'import-url': 'Import from URL…',
      'update-source': 'Update source…',
      'edit-source': 'Edit source details…',
      'import-case': 'Import case…',
      'export-case': 'Export case…',
      'restore-backup': 'Restore from backup…',
      'import-annotations': 'Import annotations…',
      'export-annotations': 'Export annotations…',
      'export-brief': 'Export brief…',
      settings: 'Settings…',
      find: 'Find in source…',
      'command-palette': 'Command palette…',
      'toggle-theme': 'Toggle dark mode',
      'zoom-in': 'Zoom in',
      'zoom-out': 'Zoom out',
      'zoom-reset': 'Actual size',
    },
    role: {
      about: 'About Casefile',
      services: 'Services',
      hide: 'Hide Casefile',
      hideOthers: 'Hide others',
      unhide: 'Show all',
      quit: 'Quit Casefile',
      exit: 'Quit',
      close: 'Close window',
      undo: 'Undo',
      redo: 'Redo',
      cut: 'Cut',
      copy: 'Copy',
      paste: 'Paste',
      selectAll: 'Select all',
      reload: 'Reload',
      toggleDevTools: 'Toggle developer tools',
      togglefullscreen: 'Toggle full screen',
    },
  },
} as const;
