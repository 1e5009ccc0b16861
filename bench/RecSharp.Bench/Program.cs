namespace RecSharp.Bench;

public static class Program
{
    public static int Main(string[] args)
    {
        switch (args.FirstOrDefault())
        {
            case "engine": return EngineBench.Run(args);
            case "faiss": return FaissBench.Run(args);
            case "cf": return CollaborativeFilteringBench.Run(args[1..]);
            case "seq-diag": return SequentialDiagnostics.Run(args[1..]);
        }
        Console.WriteLine("usage: dotnet run -c Release --project bench/RecSharp.Bench -- <benchmark> [threads]");
        Console.WriteLine("benchmarks: engine (binding overhead vs bench/native), faiss (index build and search), cf (ItemCF/UserCF on ml-1m-lcfn), seq-diag CHECKPOINT [valid|test] (multi-interest diagnostics)");
        return 1;
    }
}
