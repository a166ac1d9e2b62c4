// SencoHub tab shell. Everything here is progressive: pages work without it.
(function () {
  'use strict';

  // Long work (imports, exports, publishing): any form marked data-progress shows a status while it posts.
  document.addEventListener('submit', function (event) {
    var form = event.target;
    if (!(form instanceof HTMLFormElement) || !form.hasAttribute('data-progress')) return;
    var progress = document.getElementById('progress');
    if (!progress) return;
    progress.querySelector('.progress-text').textContent = form.getAttribute('data-progress') || 'Working…';
    progress.hidden = false;
    Array.prototype.forEach.call(form.querySelectorAll('button[type="submit"]'), function (b) { b.disabled = true; });
  });

  // Confirmation for consequential actions (publish, send): data-confirm="Question?".
  document.addEventListener('click', function (event) {
    var target = event.target.closest ? event.target.closest('[data-confirm]') : null;
    if (target && !window.confirm(target.getAttribute('data-confirm'))) event.preventDefault();
  });

  // Inside Teams: follow the Teams theme, and sign in with Teams SSO on the sign-in page.
  var teams = window.microsoftTeams;
  if (!teams || !teams.app) return;
  function applyTheme(theme) {
    var name = theme === 'dark' ? 'dark' : theme === 'contrast' ? 'contrast' : 'default';
    document.documentElement.setAttribute('data-theme', name);
    document.cookie = 'sencohub-theme=' + name + '; path=/; max-age=2592000; SameSite=None; Secure';
  }
  // A path on this site: the server's rule for return URLs (Platform/Web/LocalUrl.cs), character for character.
  function isLocalPath(url) {
    return typeof url === 'string' && /^\/(?![\/\\])[A-Za-z0-9\/_\-.?=&%]*$/.test(url);
  }
  // A card's deep link names the page to open (subPageId). Follow it only when Teams has just
  // loaded the tab (its contentUrl carries inTeams=1), and only to a path on this site.
  function openDeepLink(context) {
    var target = context.page && context.page.subPageId;
    if (!target || !/[?&]inTeams=1(&|$)/.test(window.location.search)) return;
    if (!isLocalPath(target)) return;
    if (target === window.location.pathname + window.location.search) return;
    window.location.replace(target);
  }
  teams.app.initialize().then(function () {
    teams.app.getContext().then(function (context) {
      applyTheme(context.app && context.app.theme);
      openDeepLink(context);
    });
    teams.app.registerOnThemeChangeHandler(applyTheme);
    var sso = document.getElementById('teams-sso');
    if (!sso) return;
    var status = document.getElementById('sso-status');
    status.textContent = 'Signing you in with your Microsoft 365 account…';
    teams.authentication.getAuthToken().then(function (token) {
      return fetch('/auth/teams-sso', { method: 'POST', headers: { Authorization: 'Bearer ' + token }, credentials: 'include' });
    }).then(function (response) {
      if (response.status === 204) {
        var back = sso.getAttribute('data-return-url');
        window.location.href = isLocalPath(back) ? back : '/';
        return;
      }
      return response.json().then(function (problem) { status.textContent = problem.title + (problem.detail ? ' ' + problem.detail : ''); });
    }).catch(function () { status.textContent = 'Teams could not sign you in. Close and reopen the tab, or ask your IT team.'; });
  });
})();
