using LineAgent.Bench;

return args.FirstOrDefault() switch
{
    "feed" => await FeedBench.RunAsync(args[1..]),
    _ => Usage(),
};

static int Usage()
{
    Console.Error.WriteLine("usage: dotnet run -c Release --project bench/Bench -- <benchmark> [options]\n\nbenchmarks:\n  feed [--rows N] [--idle-seconds S]   chat.db change feed latency, burst, idle cost");
    return 2;
}
