using Microsoft.Azure.Functions.Worker.Extensions.Abstractions;

// The host-side extension the Functions host loads for eventGridTrigger bindings: the build adds
// it to the app's extensions.json. Microsoft's worker package declares the same; when that package
// can be referenced, this project is deleted rather than kept beside it (two declarations of one
// extension conflict).
[assembly: ExtensionInformation("Microsoft.Azure.WebJobs.Extensions.EventGrid", "3.3.0")]
