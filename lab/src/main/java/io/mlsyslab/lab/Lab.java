package io.mlsyslab.lab;

public final class Lab {
    public static void main(String[] args) {
        System.out.println("lab");
    }
}
