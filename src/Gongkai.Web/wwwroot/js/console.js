// The console's rich-text body editor: a contenteditable area over the body <textarea>, with a
// small toolbar. Without scripts the textarea (HTML) stays usable. The server sanitises the body
// on save whatever is sent, so this script is a convenience, not a safeguard.
(function () {
  'use strict';
  document.documentElement.classList.add('js');
  document.querySelectorAll('[data-action=print]').forEach(function (b) {
    b.addEventListener('click', function () { window.print(); });
  });
  document.querySelectorAll('textarea[data-rich-text]').forEach(function (area) {
    var editor = document.createElement('div');
    editor.className = 'rich-editor';
    editor.contentEditable = 'true';
    editor.setAttribute('role', 'textbox');
    editor.setAttribute('aria-multiline', 'true');
    editor.setAttribute('aria-label', '正文');
    editor.innerHTML = area.value;

    var toolbar = document.createElement('div');
    toolbar.className = 'rich-toolbar';
    toolbar.setAttribute('role', 'toolbar');
    toolbar.setAttribute('aria-label', '正文格式');
    var source = false;
    function button(label, action) {
      var b = document.createElement('button');
      b.type = 'button';
      b.textContent = label;
      b.addEventListener('click', function () { editor.focus(); action(); });
      toolbar.appendChild(b);
    }
    function exec(command, value) { return function () { document.execCommand(command, false, value); }; }
    button('加粗', exec('bold'));
    button('小标题', exec('formatBlock', 'h3'));
    button('段落', exec('formatBlock', 'p'));
    button('编号列表', exec('insertOrderedList'));
    button('项目列表', exec('insertUnorderedList'));
    button('插入表格', function () {
      var rows = parseInt(window.prompt('行数', '3'), 10) || 0;
      var cols = parseInt(window.prompt('列数', '3'), 10) || 0;
      if (rows < 1 || cols < 1 || rows > 50 || cols > 20) { return; }
      var html = '<table><tbody>';
      for (var r = 0; r < rows; r++) {
        html += '<tr>';
        for (var c = 0; c < cols; c++) { html += '<td>&nbsp;</td>'; }
        html += '</tr>';
      }
      document.execCommand('insertHTML', false, html + '</tbody></table><p></p>');
    });
    button('HTML源码', function () {
      source = !source;
      if (source) { area.value = editor.innerHTML; }
      else { editor.innerHTML = area.value; }
      area.hidden = !source;
      editor.hidden = source;
    });

    area.hidden = true;
    area.parentNode.insertBefore(toolbar, area);
    area.parentNode.insertBefore(editor, area);
    area.form.addEventListener('submit', function () {
      if (!source) { area.value = editor.innerHTML; }
    });
  });
})();
