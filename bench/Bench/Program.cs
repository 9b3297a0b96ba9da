// Benchmarks: dotnet run -c Release --project bench/Bench -- <name> [options]. One line per benchmark.
return args.FirstOrDefault() switch
{
    "send" => await LineAgent.Bench.SendBench.RunAsync(args[1..]),
    _ => Usage(),
};

static int Usage()
{
    Console.Error.WriteLine("usage: Bench <benchmark> [options]\n  send   send pipeline overhead per send (p50/p99) and sends/s");
    return 2;
}
