namespace RecSharp.Bench;

public static class Program
{
    public static int Main(string[] args)
    {
        if (args.Length > 0 && args[0] == "cf") return CollaborativeFilteringBench.Run(args[1..]);
        Console.WriteLine("usage: dotnet run -c Release --project bench/RecSharp.Bench -- <benchmark>");
        return 1;
    }
}
