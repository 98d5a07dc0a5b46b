using Dossier.Bench;

return await BenchApp.RunAsync(args);
