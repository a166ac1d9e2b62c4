// Configurable tab: tell Teams which SencoHub page the tab shows.
(function () {
  'use strict';
  var teams = window.microsoftTeams;
  var status = document.getElementById('tab-config-status');
  if (!teams || !teams.app) return;
  teams.app.initialize().then(function () {
    status.textContent = 'Choose a section, then select Save.';
    function selected() { return document.querySelector('input[name="section"]:checked'); }
    teams.pages.config.registerOnSaveHandler(function (saveEvent) {
      var choice = selected();
      var origin = window.location.origin;
      teams.pages.config.setConfig({
        entityId: 'sencohub-' + choice.value,
        suggestedDisplayName: 'SencoHub ' + choice.getAttribute('data-title'),
        contentUrl: origin + choice.getAttribute('data-path') + '?inTeams=1',
        websiteUrl: origin + choice.getAttribute('data-path')
      }).then(function () { saveEvent.notifySuccess(); });
    });
    document.getElementById('tab-config').addEventListener('change', function () { teams.pages.config.setValidityState(!!selected()); });
    teams.pages.config.setValidityState(!!selected());
  });
})();
