// Shows on the strict-CSP page every Content-Security-Policy violation the browser reports, so a
// widget that needs 'unsafe-inline' or 'unsafe-eval' is seen at once (and by the e2e test).
const violations = [];
document.addEventListener('securitypolicyviolation', (event) => {
  violations.push(`${event.violatedDirective}: ${event.blockedURI || 'inline'}`);
  const status = document.getElementById('csp-status');
  if (!status) return;
  status.textContent = `Overtredingen van de policy: ${violations.join('; ')}`;
  status.classList.add('csp-status--violated');
});
globalThis.careCspViolations = violations;
