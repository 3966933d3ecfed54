/*! jQuery v1.8.3 jquery.com | jquery.org/license */
/* AngularJS v1.5.8 */ * Bootstrap v3.3.7
