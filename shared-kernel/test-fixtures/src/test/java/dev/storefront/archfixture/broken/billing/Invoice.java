package dev.storefront.archfixture.broken.billing;

/** Stands for another service's code. */
public class Invoice {}
