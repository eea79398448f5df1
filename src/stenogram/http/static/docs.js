// Starts Swagger UI on the API's own OpenAPI document. A file of its own (not an inline
// script) so that the docs page runs under a CSP that allows scripts from this host only.
window.addEventListener("load", function () {
  window.ui = SwaggerUIBundle({
    url: "/api/v1/openapi.json",
    dom_id: "#swagger-ui",
    deepLinking: true,
    presets: [SwaggerUIBundle.presets.apis],
    layout: "BaseLayout",
    validatorUrl: null, // the default validator is another host
  });
});
