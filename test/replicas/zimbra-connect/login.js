/* global document, location, fetch, URLSearchParams */
/* replica login: POST the credentials, then go to destinationUrl (Carbonio's shell redirect) */
(function () {
  var form = document.getElementById('login-form');
  form.addEventListener('submit', function (e) {
    e.preventDefault();
    fetch('/static/login/', { method: 'POST', body: JSON.stringify({ username: form.username.value, password: form.password.value }) }).then(function (res) {
      if (!res.ok) {
        document.getElementById('errors').innerHTML = '<div data-testid="login-error">Credentials are not valid</div>';
        return;
      }
      var dest = new URLSearchParams(location.search).get('destinationUrl') || '/carbonio/';
      location.href = dest.indexOf(location.origin + '/') === 0 ? dest : '/carbonio/';
    });
  });
})();
