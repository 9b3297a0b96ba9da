using LineAgent.Bench;

// dotnet run -c Release --project bench/Bench -- <name> [options]
return args.Length == 0 ? Usage() : args[0] switch
{
    "grpc" => GrpcBench.Run(args[1..]),
    "send" => await SendBench.RunAsync(args[1..]),
    _ => Usage(),
};

static int Usage()
{
    Console.Error.WriteLine("usage: Bench <name> [options]   names: grpc [--events N] [--rate MSG_PER_S] [--seconds S]; send [--count N] [--warmup N]");
    return 2;
}
